import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { parse, print } from 'graphql';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL as researchers find it at /graphql: the README's worked examples
 * ("### Example queries"), each in a ready tab, and a link back to the explorer.
 * The README-examples test checks that these are exactly the README's queries.
 */

export interface ExampleQuery {
  /** The README's heading, without its number. */
  title: string;
  query: string;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    title: 'Who said what about the eradication of Hamas, with which stance',
    query: /* GraphQL */ `
      query EradicationOfHamas {
        statements(
          filter: { aboutIds: ["topic:eradication-of-hamas"] }
          orderBy: { field: DATE, direction: ASC }
        ) {
          totalCount
          edges {
            node {
              date {
                text
                precision
              }
              speaker {
                name
              }
              kind
              about {
                stance
                target {
                  __typename
                  ... on Actor {
                    name
                  }
                  ... on Topic {
                    title
                  }
                }
              }
            }
          }
        }
      }
    `,
  },
  {
    title: "What Russia's foreign minister said in July 2024, in which capacity, and where",
    query: /* GraphQL */ `
      query LavrovInJuly2024 {
        node(id: "person:sergey-lavrov") {
          ... on Person {
            statements(
              filter: { from: "2024-07", to: "2024-07", kinds: [DIRECT_QUOTE] }
              first: 2
            ) {
              totalCount
              edges {
                node {
                  text
                  speakingAs {
                    title
                    of {
                      name
                    }
                  }
                  meeting {
                    title
                    heldIn {
                      ... on Country {
                        name
                      }
                    }
                  }
                }
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        }
      }
    `,
  },
  {
    title: 'Statements about a country from any speaker',
    query: /* GraphQL */ `
      query StatementsAboutRussia {
        node(id: "country:RUS") {
          ... on Country {
            statementsAbout(first: 3) {
              totalCount
              edges {
                node {
                  date {
                    text
                    precision
                    start
                    end
                  }
                  speaker {
                    name
                  }
                  about {
                    stance
                    target {
                      __typename
                      ... on Actor {
                        name
                      }
                      ... on Topic {
                        title
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `,
  },
  {
    title: 'Where a quote comes from, and how sure we are',
    query: /* GraphQL */ `
      query WhereAQuoteComesFrom {
        node(id: "statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed") {
          ... on Statement {
            text
            confidence
            verification
            sources {
              quoteType
              source {
                title
                publisher
                publishedDate {
                  text
                }
                chain {
                  publisher
                  kind
                }
              }
            }
          }
        }
      }
    `,
  },
  {
    title: 'Which posts people held on a given day',
    query: /* GraphQL */ `
      query PostsOnADay {
        people(first: 10) {
          edges {
            node {
              name
              positions(at: "2024-07-28") {
                title
                of {
                  name
                }
                from {
                  text
                  precision
                }
              }
            }
          }
        }
      }
    `,
  },
  {
    title:
      'Everything said about Israel in June and July 2024, with speaker and sources, page by page',
    query: /* GraphQL */ `
      query AboutIsraelInJuneAndJuly2024 {
        statements(
          filter: { aboutIds: ["country:ISR"], from: "2024-06", to: "2024-07" }
          orderBy: { field: DATE, direction: ASC }
          first: 3
        ) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              date {
                text
              }
              speaker {
                name
              }
              sources {
                role
                quoteType
                source {
                  id
                }
              }
            }
          }
        }
      }
    `,
  },
];

/** The explorer is served at `/` by the same service (src/web/web.plugin.ts). */
const TITLE = 'Statement Graph';
const TITLE_WITH_LINK = `${TITLE} · <a href="/" title="The graph explorer: search, neighbourhoods, paths, timelines">open the explorer</a>`;

/**
 * One tab per example, named by its operation and headed by the README's title.
 * GraphiQL opens them when the browser has no tabs of its own stored yet.
 */
export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: TITLE_WITH_LINK,
  defaultTabs: EXAMPLE_QUERIES.map(({ title, query }) => ({
    query: `# ${title}\n${print(parse(query))}\n`,
  })),
};

/**
 * Yoga's offline GraphiQL page (everything inlined, nothing fetched from a CDN).
 * Its toolbar renders the title as HTML, so the link shows there; the page's
 * <title> gets the plain name.
 */
export function renderStatementGraphGraphiQL(options?: GraphiQLOptions): string {
  return renderGraphiQL(options).replace(
    /<title>[\s\S]*?<\/title>/,
    `<title>${TITLE} — GraphiQL</title>`,
  );
}
