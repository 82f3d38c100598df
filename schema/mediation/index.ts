// The mediation domain's GraphQL: rooms, the roster, sessions, matching, figures.
import './common';
import './rooms';
import './mediators';
import './sessions';
import './roster-files';
import './matching';
import './referral';
