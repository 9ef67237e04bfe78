/** `npm run schema`: writes schema/schema.json from the resources' TypeScript types. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../emulatorStack";
import { schemaText } from "./buildSchema";

const root = packageRoot();
writeFileSync(join(root, "schema", "schema.json"), schemaText(root));
console.log(`wrote ${join(root, "schema", "schema.json")}`);
