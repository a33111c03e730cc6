import { writeFileSync } from 'node:fs';
import { datasetJsonSchema, relationshipTypesSdl } from '../src/records/json-schema.js';

/** Schema files generated from the write model (src/records); a unit test checks they are current. */
writeFileSync('schema/dataset.schema.json', `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
console.log('wrote schema/dataset.schema.json');
writeFileSync('schema/relationship-types.graphql', relationshipTypesSdl());
console.log('wrote schema/relationship-types.graphql');
