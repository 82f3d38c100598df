// Importing a file registers its types and fields with the builder; schema/index.ts imports this one.
import './enums';
import './api-keys';
import './external-references';
