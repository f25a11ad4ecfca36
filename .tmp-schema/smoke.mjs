import { validate, schema } from '../src/generated/compose-validator.js';
console.log(validate({services:{web:{image:'x', ports:[80, 80]}}}), validate.errors?.map(e=>[e.instancePath,e.message]));
console.log(validate({services:{web:{image:'x', ports:[{target:80},{target:81}]}}}), Object.keys(schema));
