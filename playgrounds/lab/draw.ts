// Reader input: draw on the pad, get 28x28 RGBA pixels back.
import { input } from 'course';

const digit = await input.draw({ prompt: 'Draw anything, then press "Use drawing"', width: 28, height: 28 });
let ink = 0;
for (let i = 0; i < digit.data.length; i += 4) if (digit.data[i]! > 127) ink++;
console.log(`${digit.width}x${digit.height} pixels, ${ink} with ink`);
