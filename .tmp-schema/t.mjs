import Ajv from 'ajv';
import fs from 'node:fs';
const schema = JSON.parse(fs.readFileSync('/work/shared/upstream/compose-spec/schema/compose-spec.json','utf8'));
const ajv = new Ajv({allErrors:true, strict:false, validateSchema:false});
const v = ajv.compile(schema);
const cases = [
 {services:{web:{imagee:'x'}}},
 {services:{web:{ports:[true]}}},
 {services:{web:{depends_on:{db:{condition:'service_healty'}}}}},
 {services:{web:{depends_on:['a', 3]}}},
 {services:{web:{environment:{A:{}}}}},
 {services:{web:{build:{contxt:'.'}}}},
 {services:{web:{secrets:[{target:'x'}], devices:[{target:'x'}]}}},
 {services:{'my web':{}}},
];
for (const c of cases) { v(c); console.log(JSON.stringify(c)); for (const e of v.errors) console.log('  ', e.instancePath, e.schemaPath, e.keyword, JSON.stringify(e.params)); }
