/**
 * The peer's model: the same nodes, properties and relationships as ours, in
 * @neo4j/graphql 7's type definitions, so it reads the very graph our importer wrote.
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  interface Actor {
    id: ID!
    name: String!
    aliases: [String!]!
  }

  type Person implements Actor @node {
    id: ID!
    name: String!
    aliases: [String!]!
    statements: [Statement!]! @relationship(type: "MADE", direction: OUT)
    about: [Statement!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
    positions: [Organization!]!
      @relationship(type: "HOLDS_POSITION", direction: OUT, properties: "Holds")
  }

  type Organization implements Actor @node {
    id: ID!
    name: String!
    aliases: [String!]!
    kind: String!
    statements: [Statement!]! @relationship(type: "MADE", direction: OUT)
    about: [Statement!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
  }

  type Country implements Actor @node {
    id: ID!
    name: String!
    aliases: [String!]!
    iso: String!
    statements: [Statement!]! @relationship(type: "MADE", direction: OUT)
    about: [Statement!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
  }

  type Topic @node {
    id: ID!
    title: String!
    statements: [Statement!]! @relationship(type: "ON_TOPIC", direction: IN)
    about: [Statement!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
  }

  type Place @node {
    id: ID!
    name: String!
  }

  type Meeting @node {
    id: ID!
    title: String!
    kind: String!
    date: String
    statements: [Statement!]! @relationship(type: "MADE_AT", direction: IN)
  }

  type Source @node {
    id: ID!
    title: String!
    kind: String!
    publisher: String
      @cypher(
        statement: "MATCH (this)-[:PUBLISHED_BY]->(o:Organization) RETURN o.name AS publisher"
        columnName: "publisher"
      )
    cites: [Source!]! @relationship(type: "CITES", direction: OUT)
    statements: [Statement!]!
      @relationship(type: "REPORTED_IN", direction: IN, properties: "Reported")
  }

  union Target = Person | Organization | Country | Topic | Meeting
  union Mentionable = Person | Organization | Country | Place | Meeting

  type About @relationshipProperties {
    stance: String!
  }

  type Reported @relationshipProperties {
    quoteType: String!
  }

  type Holds @relationshipProperties {
    title: String!
  }

  type Statement
    @node
    @fulltext(
      indexes: [
        { indexName: "statement_keys", queryName: "statementsByText", fields: ["searchText"] }
      ]
    ) {
    id: ID!
    text: String!
    "The folded text our importer stores beside it (src/names/keys.ts), which the full-text index covers."
    searchText: String
    kind: String!
    date: String!
    datePrecision: String!
    dateStart: Date!
    dateEnd: Date!
    confidence: Float!
    verification: String!
    speaker: [Actor!]! @relationship(type: "MADE", direction: IN)
    about: [Target!]! @relationship(type: "ABOUT", direction: OUT, properties: "About")
    topics: [Topic!]! @relationship(type: "ON_TOPIC", direction: OUT)
    mentions: [Mentionable!]! @relationship(type: "MENTIONS", direction: OUT)
    meeting: [Meeting!]! @relationship(type: "MADE_AT", direction: OUT)
    sources: [Source!]! @relationship(type: "REPORTED_IN", direction: OUT, properties: "Reported")
  }
`;
