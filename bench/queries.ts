/**
 * The query mix: what journalists and the explorer ask most, each as our API's
 * query, the floor's one hand-written Cypher query, and the peer's query. The
 * ids are the generated graph's busiest: person-0 speaks most, country AAA is
 * spoken about most.
 */

export interface BenchQuery {
  name: string;
  description: string;
  ours: { query: string; variables?: Record<string, unknown> };
  floor: { cypher: string; params: Record<string, unknown> };
  peer: { query: string; variables?: Record<string, unknown> };
}

const SPEAKER = 'person:person-0';
const TARGET = 'country:AAA';
const FROM = '2019-01-01';
const TO = '2020-12-31';
const SEARCH = 'ceasefire talks';
/** A year: the timeline caps at 5,000 statements, and person-0 says ~30,000 about AAA in 1M. */
const YEAR = { from: '2020-01-01', to: '2020-12-31' };

const vars = { speaker: SPEAKER, target: TARGET, from: FROM, to: TO };

export const QUERIES: BenchQuery[] = [
  {
    name: 'speaker-about-range',
    description: `${SPEAKER}'s statements about ${TARGET} in ${FROM}..${TO}, 20 newest, with speaker, targets and stances, sources and meeting`,
    ours: {
      query: /* GraphQL */ `
        query ($speaker: ID!, $target: ID!, $from: Date, $to: Date) {
          statements(
            first: 20
            filter: { speakerIds: [$speaker], aboutIds: [$target], from: $from, to: $to }
          ) {
            edges {
              node {
                id
                text
                date {
                  text
                  precision
                }
                speaker {
                  name
                }
                about {
                  stance
                  target {
                    ... on Actor {
                      name
                    }
                    ... on Topic {
                      title
                    }
                  }
                }
                sources {
                  quoteType
                  source {
                    title
                    publisher
                  }
                }
                meeting {
                  title
                }
              }
            }
          }
        }
      `,
      variables: vars,
    },
    floor: {
      cypher: `
        MATCH (sp:Actor {id: $speaker})-[:MADE]->(s:Statement)
        WHERE s.dateStart >= date($from) AND s.dateEnd <= date($to)
          AND EXISTS { MATCH (s)-[:ABOUT]->(:Entity {id: $target}) }
        WITH sp, s ORDER BY s.dateStart DESC, s.id DESC LIMIT 20
        RETURN s { .id, .text, .date, .datePrecision, speaker: sp.name,
          about: [(s)-[a:ABOUT]->(t) | { stance: a.stance, name: coalesce(t.name, t.title) }],
          sources: COLLECT { MATCH (s)-[r:REPORTED_IN]->(x) RETURN { quoteType: r.quoteType, title: x.title,
            publisher: head([(x)-[:PUBLISHED_BY]->(o) | o.name]) } ORDER BY r.order },
          meeting: head([(s)-[:MADE_AT]->(m) | m.title]) } AS statement`,
      params: vars,
    },
    peer: {
      query: /* GraphQL */ `
        query ($speaker: ID!, $target: ID!, $from: Date!, $to: Date!) {
          statements(
            limit: 20
            sort: [{ dateStart: DESC }, { id: DESC }]
            where: {
              speaker: { some: { id: { eq: $speaker } } }
              aboutConnection: { some: { Country: { node: { id: { eq: $target } } } } }
              dateStart: { gte: $from }
              dateEnd: { lte: $to }
            }
          ) {
            id
            text
            date
            datePrecision
            speaker {
              name
            }
            aboutConnection {
              edges {
                properties {
                  stance
                }
                node {
                  ... on Actor {
                    name
                  }
                  ... on Topic {
                    title
                  }
                }
              }
            }
            sourcesConnection {
              edges {
                properties {
                  quoteType
                }
                node {
                  title
                  publisher
                }
              }
            }
            meeting {
              title
            }
          }
        }
      `,
      variables: vars,
    },
  },
  {
    name: 'timeline',
    description: `${SPEAKER}'s statements about ${TARGET} in ${YEAR.from}..${YEAR.to} by month, with stance counts (and shifts where the API has them)`,
    ours: {
      query: /* GraphQL */ `
        query ($speaker: ID!, $target: ID!, $from: Date, $to: Date) {
          timeline(actorId: $speaker, aboutId: $target, from: $from, to: $to, granularity: MONTH) {
            totalCount
            buckets {
              period
              count
              stances {
                supportive
                critical
                neutral
                mixed
              }
            }
            coarserBuckets {
              period
              count
              stances {
                supportive
                critical
                neutral
                mixed
              }
            }
            shifts {
              from
              to
              before {
                id
              }
              after {
                id
              }
            }
          }
        }
      `,
      variables: { speaker: SPEAKER, target: TARGET, ...YEAR },
    },
    floor: {
      cypher: `
        MATCH (:Actor {id: $speaker})-[:MADE]->(s:Statement)-[a:ABOUT]->(:Entity {id: $target})
        WHERE s.dateStart >= date($from) AND s.dateEnd <= date($to)
        WITH s, a ORDER BY s.dateStart, s.dateEnd, s.id
        WITH CASE s.datePrecision WHEN 'YEAR' THEN s.date ELSE substring(s.date, 0, 7) END AS period,
             collect({ id: s.id, stance: a.stance }) AS items
        RETURN period, size(items) AS count,
               [st IN ['SUPPORTIVE', 'CRITICAL', 'NEUTRAL', 'MIXED'] | size([i IN items WHERE i.stance = st])] AS stances,
               items
        ORDER BY period`,
      params: { speaker: SPEAKER, target: TARGET, ...YEAR },
    },
    peer: {
      // The peer has no bucketing: it returns the statements in date order for the client to bucket.
      query: /* GraphQL */ `
        query ($speaker: ID!, $target: ID!, $from: Date!, $to: Date!) {
          statements(
            sort: [{ dateStart: ASC }, { dateEnd: ASC }, { id: ASC }]
            where: {
              speaker: { some: { id: { eq: $speaker } } }
              aboutConnection: { some: { Country: { node: { id: { eq: $target } } } } }
              dateStart: { gte: $from }
              dateEnd: { lte: $to }
            }
          ) {
            id
            date
            datePrecision
            aboutConnection(where: { Country: { node: { id: { eq: $target } } } }) {
              edges {
                properties {
                  stance
                }
              }
            }
          }
        }
      `,
      variables: { speaker: SPEAKER, target: TARGET, ...YEAR },
    },
  },
  {
    name: 'search',
    description: `full-text search of statements for "${SEARCH}", 20 best`,
    ours: {
      query: /* GraphQL */ `
        query ($text: String!) {
          search(text: $text, types: [STATEMENT], first: 20) {
            score
            label
            node {
              id
            }
          }
        }
      `,
      variables: { text: SEARCH },
    },
    floor: {
      cypher: `
        CALL db.index.fulltext.queryNodes('statement_keys', $text) YIELD node, score
        RETURN node.id AS id, node.text AS text, score ORDER BY score DESC, id LIMIT 20`,
      params: {
        text: SEARCH.split(' ')
          .map((w) => `+${w}`)
          .join(' '),
      },
    },
    peer: {
      query: /* GraphQL */ `
        query ($text: String!) {
          statementsByText(phrase: $text, first: 20) {
            edges {
              score
              node {
                id
                text
              }
            }
          }
        }
      `,
      variables: {
        text: SEARCH.split(' ')
          .map((w) => `+${w}`)
          .join(' '),
      },
    },
  },
  {
    name: 'neighborhood',
    description: `the 50 nearest neighbours of the hub ${TARGET}, with the edges between them`,
    ours: {
      query: /* GraphQL */ `
        query ($id: ID!) {
          neighborhood(id: $id, depth: 1, limit: 50) {
            nodes {
              id
              type
              label
            }
            edges {
              id
              type
              source
              target
            }
            omitted
          }
        }
      `,
      variables: { id: TARGET },
    },
    floor: {
      // The same answer as ours: the centre and its 50 nearest neighbours by id, the edges
      // between them, and for each node how many of its neighbours are not shown.
      cypher: `
        MATCH (c:Entity {id: $id})
        CALL (c) { MATCH (c)--(n) RETURN DISTINCT n ORDER BY n.id LIMIT 50 }
        WITH c, [c] + collect(n) AS shown
        UNWIND shown AS a
        RETURN a.id AS id, [l IN labels(a) WHERE NOT l IN ['Entity', 'Actor']][0] AS type, coalesce(a.name, a.title, left(a.text, 80)) AS label,
               size(COLLECT { MATCH (a)--(x) WHERE NOT x IN shown RETURN DISTINCT x }) AS hiddenNeighbors,
               [(a)-[r]->(b) WHERE b IN shown | { type: type(r), source: a.id, target: b.id }] AS edges,
               size(COLLECT { MATCH (c)--(x) RETURN DISTINCT x }) AS totalNeighbors`,
      params: { id: TARGET },
    },
    peer: {
      query: /* GraphQL */ `
        query ($id: ID!) {
          countries(where: { id: { eq: $id } }) {
            id
            name
            aboutConnection(first: 50, sort: [{ node: { id: ASC } }]) {
              totalCount
              edges {
                properties {
                  stance
                }
                node {
                  id
                  text
                }
              }
            }
          }
        }
      `,
      variables: { id: TARGET },
    },
  },
  {
    name: 'page-of-100',
    description:
      'the 100 newest statements with speaker, targets and stances, topics, sources and meeting',
    ours: {
      query: /* GraphQL */ `
        {
          statements(first: 100) {
            edges {
              node {
                id
                text
                date {
                  text
                  precision
                }
                speaker {
                  name
                }
                about {
                  stance
                  target {
                    ... on Actor {
                      name
                    }
                    ... on Topic {
                      title
                    }
                    ... on Meeting {
                      title
                    }
                  }
                }
                topics {
                  title
                }
                sources {
                  quoteType
                  source {
                    title
                  }
                }
                meeting {
                  title
                }
              }
            }
          }
        }
      `,
    },
    floor: {
      cypher: `
        MATCH (s:Statement) WHERE s.dateStart IS NOT NULL
        WITH s ORDER BY s.dateStart DESC, s.id DESC LIMIT 100
        RETURN s { .id, .text, .date, .datePrecision,
          speaker: head([(a)-[:MADE]->(s) | a.name]),
          about: [(s)-[r:ABOUT]->(t) | { stance: r.stance, name: coalesce(t.name, t.title) }],
          topics: [(s)-[:ON_TOPIC]->(t) | t.title],
          sources: [(s)-[r:REPORTED_IN]->(x) | { quoteType: r.quoteType, title: x.title }],
          meeting: head([(s)-[:MADE_AT]->(m) | m.title]) } AS statement`,
      params: {},
    },
    peer: {
      query: /* GraphQL */ `
        {
          statements(limit: 100, sort: [{ dateStart: DESC }, { id: DESC }]) {
            id
            text
            date
            datePrecision
            speaker {
              name
            }
            aboutConnection {
              edges {
                properties {
                  stance
                }
                node {
                  ... on Actor {
                    name
                  }
                  ... on Topic {
                    title
                  }
                  ... on Meeting {
                    title
                  }
                }
              }
            }
            topics {
              title
            }
            sourcesConnection {
              edges {
                properties {
                  quoteType
                }
                node {
                  title
                }
              }
            }
            meeting {
              title
            }
          }
        }
      `,
    },
  },
];
