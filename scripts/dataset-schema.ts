import { writeFileSync } from 'node:fs';
import { datasetJsonSchema } from '../src/import/json-schema.js';

writeFileSync('schema/dataset.schema.json', `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
console.log('wrote schema/dataset.schema.json');
