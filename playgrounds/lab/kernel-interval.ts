// Starts an interval and never clears it: the run goes on, ticking, until Stop.
let ticks = 0;
setInterval(() => console.log(`tick ${++ticks}`), 100);
console.log('interval started');
