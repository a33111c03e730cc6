import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed resolvers from the SDL: schema and code cannot drift (`npm run codegen`). */
const rows = '../modules/shared/rows.js';
const explore = '../modules/explore';

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../modules/shared/context.js#Context',
        scalars: {
          // Arguments arrive as their covered range (src/date-argument.ts); answers are days.
          Date: { input: '../date-argument.js#DateArgument', output: 'string' },
          DateTime: 'string',
          URL: 'string',
          JSONObject: 'Record<string, unknown>',
        },
        mappers: {
          Person: `${rows}#PersonRow`,
          Organization: `${rows}#OrganizationRow`,
          Country: `${rows}#CountryRow`,
          Place: `${rows}#PlaceRow`,
          Topic: `${rows}#TopicRow`,
          Meeting: `${rows}#MeetingRow`,
          Source: `${rows}#SourceRow`,
          Statement: `${rows}#StatementRow`,
          Position: `${rows}#PositionRow`,
          StatementConnection: `${rows}#Connection<StatementRow>`,
          PersonConnection: `${rows}#Connection<PersonRow>`,
          OrganizationConnection: `${rows}#Connection<OrganizationRow>`,
          CountryConnection: `${rows}#Connection<CountryRow>`,
          MeetingConnection: `${rows}#Connection<MeetingRow>`,
          TopicConnection: `${rows}#Connection<TopicRow>`,
          SourceConnection: `${rows}#Connection<SourceRow>`,
          PartialDate: `${rows}#PartialDateValue`,
          StatementSource: `${rows}#StatementSourceRow`,
          Candidate: '../modules/review/review.repository.js#CandidateRow',
          TimelineBucket: `${explore}/explore.timeline.js#TimelineBucketRow`,
          UnplacedStatements: `${explore}/explore.timeline.js#StatementGroupRow`,
          StatementRecordedEvent: '../events/statement-events.js#StatementEvent',
          SavedSearch: '../webhooks/webhooks.repository.js#SavedSearchRow',
          WebhookDelivery: '../webhooks/webhooks.repository.js#DeliveryRow',
        },
      },
    },
  },
};

export default config;
