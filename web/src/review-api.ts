/** The review API: articles in, candidates out, accept and reject (an editor token). */

import { graphql, type Stance } from './api.js';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface Candidate {
  id: string;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  text: string;
  kind: 'DIRECT_QUOTE' | 'PARAPHRASE' | 'REPORTED';
  confidence: number;
  spans: TextSpan[];
  speaker: {
    text: string;
    span: TextSpan | null;
    actor: { __typename: string; id: string; name: string } | null;
    proposal: { type: string; name: string; id: string } | null;
  } | null;
  cue: TextSpan | null;
  date: {
    text: string;
    value: string | null;
    precision: string | null;
    span: TextSpan | null;
  } | null;
  mentions: Array<{ __typename: string; id: string; name?: string; title?: string }>;
  statement: {
    id: string;
    kind: string;
    date: { text: string };
    speaker: { id: string; name: string };
    about: Array<{ stance: Stance; target: { id: string; name?: string; title?: string } }>;
  } | null;
}

export interface Article {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  author: string | null;
  credits: string[];
  publishedDate: { text: string } | null;
  text: string | null;
  candidates: Candidate[];
}

export interface ProblemList {
  errors: Array<{ code: string; path: string | null; message: string }>;
}

const CANDIDATE = /* GraphQL */ `
  fragment ReviewCandidate on Candidate {
    id
    status
    text
    kind
    confidence
    spans {
      start
      end
      text
    }
    speaker {
      text
      span {
        start
        end
        text
      }
      actor {
        __typename
        id
        name
      }
      proposal {
        type
        name
        id
      }
    }
    cue {
      start
      end
      text
    }
    date {
      text
      value
      precision
      span {
        start
        end
        text
      }
    }
    mentions {
      __typename
      id
      ... on Actor {
        name
      }
      ... on Place {
        name
      }
      ... on Meeting {
        title
      }
    }
    statement {
      id
      kind
      date {
        text
      }
      speaker {
        id
        name
      }
      about {
        stance
        target {
          ... on Node {
            id
          }
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
  }
`;

const ARTICLE_FIELDS = /* GraphQL */ `
  id
  title
  publisher
  url
  author
  credits
  publishedDate {
    text
  }
  text
  candidates {
    ...ReviewCandidate
  }
`;

const EXTRACT = /* GraphQL */ `
  mutation ReviewExtract($input: ArticleInput!) {
    extractArticle(input: $input) {
      outcome
      errors {
        code
        path
        message
      }
      source {
        ${ARTICLE_FIELDS}
      }
    }
  }
  ${CANDIDATE}
`;

const ARTICLE = /* GraphQL */ `
  query ReviewArticle($id: ID!) {
    node(id: $id) {
      ... on Source {
        ${ARTICLE_FIELDS}
      }
    }
  }
  ${CANDIDATE}
`;

// What accepting and rejecting both answer: the outcome, problems, and the candidate as it now is.
const DECISION_PAYLOAD = /* GraphQL */ `
      outcome
      errors {
        code
        path
        message
      }
      candidate {
        ...ReviewCandidate
      }`;

const ACCEPT = /* GraphQL */ `
  mutation ReviewAccept($input: AcceptCandidateInput!) {
    acceptCandidate(input: $input) {${DECISION_PAYLOAD}
    }
  }
  ${CANDIDATE}
`;

const REJECT = /* GraphQL */ `
  mutation ReviewReject($id: ID!) {
    rejectCandidate(id: $id) {${DECISION_PAYLOAD}
    }
  }
  ${CANDIDATE}
`;

export interface ArticleRequest {
  text?: string;
  html?: string;
  url?: string;
  outlet?: string;
  publishedDate?: string;
}

export async function extractArticle(
  input: ArticleRequest,
): Promise<ProblemList & { source: Article | null }> {
  const data = await graphql<{ extractArticle: ProblemList & { source: Article | null } }>(
    EXTRACT,
    { input },
  );
  return data.extractArticle;
}

export async function loadArticle(id: string): Promise<Article | null> {
  const data = await graphql<{ node: Article | null }>(ARTICLE, { id });
  return data.node && 'candidates' in data.node ? data.node : null;
}

export interface AcceptRequest {
  id: string;
  speaker?: string;
  newSpeaker?: { type: string; name: string; id?: string };
  kind?: string;
  date?: string;
  about?: Array<{ target: string; stance: Stance }>;
}

type Decision = ProblemList & { candidate: Candidate | null };

export async function acceptCandidate(input: AcceptRequest): Promise<Decision> {
  return (await graphql<{ acceptCandidate: Decision }>(ACCEPT, { input })).acceptCandidate;
}

export async function rejectCandidate(id: string): Promise<Decision> {
  return (await graphql<{ rejectCandidate: Decision }>(REJECT, { id })).rejectCandidate;
}

export const REVIEW_QUERIES = { EXTRACT, ARTICLE, ACCEPT, REJECT };
