import './common';
import './types';
import './mutations';
