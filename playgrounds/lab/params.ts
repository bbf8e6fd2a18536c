// Every kind of parameter control, and what the run receives.
import { param } from 'course';

const epochs = param('epochs', 5, { min: 1, max: 50 });
const learningRate = param('learningRate', 0.01, { label: 'learning rate', min: 0.0001, max: 1 });
const activation = param('activation', 'relu', { choices: ['relu', 'sigmoid', 'tanh'] });
const shuffle = param('shuffle', true);
const batchSize = param('batchSize', 32);
console.log(`epochs=${epochs} learningRate=${learningRate} activation=${activation} shuffle=${shuffle} batchSize=${batchSize}`);
