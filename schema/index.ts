import { builder } from './builder';
import { describeGeneratedTypes } from './describe-generated';
import { withEnglishDescriptions } from './english-descriptions';
import './common/scalars';
import './common/errors';
import './units/types';
import './accounts/types';
import './petitioners/types';
import './cases';
import './stats/types';
import './calendar/types';
import './integrations/types';
import './mediation';
import './events/types';
import './events/subscriptions';
import './webhooks/types';
import './webhooks/mutations';
import './reception';
import './suggestions/types';
import './suggestions/mutations';
import './suggestions/clusters';
import './suggestions/from-case';
import './suggestions/stats';
import './suggestions/awards';
import './suggestions/public';

// API keys reach only the fields that admit them (skipTypeScopes plus an apiKeyScope); everything else is for people.
builder.queryType({ description: '查询。Queries.', authScopes: { person: true } });
builder.mutationType({ description: '变更。Mutations.', authScopes: { person: true } });

export const schema = withEnglishDescriptions(describeGeneratedTypes(builder.toSchema({ sortSchema: true })));
