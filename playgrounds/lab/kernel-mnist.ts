// Loads a few MNIST digits from the site: the e2e test serves a truncated copy.
import { data } from 'course';

const mnist = await data.mnist({ limit: 100 });
console.log(`MNIST loaded: ${mnist.train.labels.length} train digits`);
mnist.dispose();
