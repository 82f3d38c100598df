// Importing a file registers its types and fields with the builder; schema/index.ts imports this one.
import './enums';
import './event';
import './deadline';
import './participant';
import './supervision';
import './follow-up';
import './hearing';
import './case';
import './case-list';
import './public-lookup';
import './intake-mutations';
import './action-mutations';
import './sweep-mutation';
import './reveal-mutation';
