// Reader input: a photo from a file or the webcam, returned as RGBA pixels.
import { input } from 'course';

const photo = await input.photo({ prompt: 'Choose any photo, or take one with the webcam' });
console.log(`photo ${photo.width}x${photo.height}`);
