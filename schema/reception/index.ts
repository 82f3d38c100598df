// Importing a file registers its types and fields with the builder; schema/index.ts imports this one.
import './common';
import './schedule';
import './appointment';
import './reception';
import './visit';
import './stats';
import './mutations';
