/**
 * The review screen (`#review`, `#review=<source id>`): an article in, its
 * candidate statements as cards beside the article with their spans
 * highlighted; each card's speaker, kind, date, targets and stances can be
 * edited, and accepted or rejected from the keyboard. It takes over the page
 * while the fragment says `review`, and hands it back otherwise.
 */

import { ApiError, search, token, type Stance } from './api.js';
import { fill, h } from './dom.js';
import {
  acceptCandidate,
  extractArticle,
  loadArticle,
  rejectCandidate,
  type AcceptRequest,
  type Article,
  type Candidate,
  type ProblemList,
} from './review-api.js';
import { runsOf, type Mark } from './review-text.js';
import { EMPTY_STATE, formatState, withExpanded } from './state.js';
import { formatDate, humanize, STANCES } from './theme.js';

const KINDS = ['DIRECT_QUOTE', 'PARAPHRASE', 'REPORTED'] as const;

/** The fragment of the review screen, or null when the fragment is the explorer's. */
export function reviewRoute(hash: string): { sourceId: string | null } | null {
  const fragment = hash.replace(/^#/, '');
  if (fragment !== 'review' && !fragment.startsWith('review=')) return null;
  const id = fragment.startsWith('review=') ? decodeURIComponent(fragment.slice(7)) : '';
  return { sourceId: id === '' ? null : id };
}

/** The explorer's view with a statement open in the graph. */
export const graphHref = (statementId: string) =>
  `#${formatState({ ...withExpanded(EMPTY_STATE, statementId), node: statementId, statement: statementId })}`;

interface Edits {
  speaker: string;
  newSpeaker: boolean;
  kind: string;
  date: string;
  about: Array<{ target: string; stance: Stance | '' }>;
  errors: string[];
}

export class ReviewScreen {
  private article: Article | null = null;
  private selected = 0;
  private readonly edits = new Map<string, Edits>();
  private readonly intake: HTMLElement;
  private readonly body: HTMLElement;
  private readonly articleView: HTMLElement;
  private readonly cards: HTMLElement;
  private readonly status: HTMLElement;
  private readonly targets = h('datalist', { id: 'review-targets' });
  private searchTimer: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly explorer: HTMLElement,
  ) {
    this.status = h('p', { class: 'review-status', role: 'status', 'aria-live': 'polite' });
    this.intake = this.intakeForm();
    this.articleView = h('article', {
      class: 'review-article',
      id: 'review-article',
      'aria-label': 'Article',
    });
    this.cards = h('ol', { class: 'review-cards', id: 'review-cards', 'aria-label': 'Candidates' });
    this.body = h(
      'div',
      { class: 'review-body', hidden: true },
      h('div', { class: 'review-article-wrap' }, this.articleView),
      h(
        'div',
        { class: 'review-side' },
        h(
          'p',
          { class: 'review-keys muted' },
          'Keys: ↓/↑ or j/k next/previous · a accept · r reject · in a field, Ctrl+Enter accepts',
        ),
        this.cards,
      ),
    );
    fill(
      root,
      h(
        'div',
        { class: 'review-head' },
        h('h2', {}, 'Review an article'),
        h('a', { href: '#', class: 'review-back' }, '← Back to the explorer'),
      ),
      this.intake,
      this.status,
      this.body,
      this.targets,
    );
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Shows the screen for a route, or hides it (null) and gives the page back to the explorer. */
  async show(route: { sourceId: string | null } | null): Promise<void> {
    this.root.hidden = route === null;
    this.explorer.hidden = route !== null;
    if (route === null) return;
    document.title = 'Review — Statement Graph explorer';
    // The explorer's "drawn" flag (what tests wait on): the review screen draws as it goes.
    document.documentElement.dataset.rendering = '0';
    if (route.sourceId === null) {
      this.article = null;
      this.body.hidden = true;
      this.say('');
      return;
    }
    if (this.article?.id === route.sourceId) return;
    await this.busy(async () => {
      const article = await loadArticle(route.sourceId!);
      if (!article) {
        this.say(`There is no article ${route.sourceId}.`, true);
        return;
      }
      this.load(article);
    });
  }

  // -------------------------------------------------------------- intake

  private intakeForm(): HTMLElement {
    const format = h(
      'select',
      { id: 'review-format', name: 'format' },
      h('option', { value: 'text' }, 'Plain text'),
      h('option', { value: 'html' }, 'HTML'),
      h('option', { value: 'url' }, 'URL'),
    );
    const content = h('textarea', {
      id: 'review-input',
      rows: 6,
      placeholder: 'Paste the article’s text (or its HTML, or a URL)',
      required: true,
    });
    const outlet = h('input', { id: 'review-outlet', placeholder: 'from the page or text' });
    const date = h('input', {
      id: 'review-date',
      placeholder: 'YYYY-MM-DD',
      pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?',
    });
    const form = h(
      'form',
      { class: 'review-intake' },
      h('label', { for: 'review-format' }, 'Article as '),
      format,
      content,
      h(
        'div',
        { class: 'review-meta' },
        h('label', { for: 'review-outlet' }, 'Outlet'),
        outlet,
        h('label', { for: 'review-date' }, 'Published'),
        date,
        h('button', { type: 'submit', class: 'primary', id: 'review-extract' }, 'Find statements'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = content.value;
      const input = {
        [format.value]: format.value === 'url' ? value.trim() : value,
        ...(outlet.value.trim() ? { outlet: outlet.value.trim() } : {}),
        ...(date.value.trim() ? { publishedDate: date.value.trim() } : {}),
      };
      void this.busy(async () => {
        const result = await extractArticle(input);
        if (this.refused(result) || !result.source) return;
        this.load(result.source);
        history.pushState(
          null,
          '',
          `#review=${encodeURIComponent(result.source.id).replace(/%3A/gi, ':')}`,
        );
      });
    });
    return form;
  }

  // -------------------------------------------------------------- state

  private load(article: Article): void {
    this.article = article;
    this.edits.clear();
    const first = article.candidates.findIndex((c) => c.status === 'PENDING');
    this.selected = Math.max(0, first);
    this.body.hidden = false;
    const pending = article.candidates.filter((c) => c.status === 'PENDING').length;
    this.say(
      `${article.title} — ${article.candidates.length} candidate${article.candidates.length === 1 ? '' : 's'}, ${pending} to review.`,
    );
    this.render();
  }

  private editsOf(c: Candidate): Edits {
    let edits = this.edits.get(c.id);
    if (!edits) {
      edits = {
        speaker: c.statement?.speaker.id ?? c.speaker?.actor?.id ?? '',
        newSpeaker: !c.speaker?.actor && !!c.speaker?.proposal,
        kind: c.statement?.kind ?? c.kind,
        date: c.statement?.date.text ?? c.date?.value ?? this.article?.publishedDate?.text ?? '',
        about: (c.statement?.about ?? []).map((a) => ({ target: a.target.id, stance: a.stance })),
        errors: [],
      };
      this.edits.set(c.id, edits);
    }
    return edits;
  }

  private get current(): Candidate | undefined {
    return this.article?.candidates[this.selected];
  }

  private select(index: number, focus = true): void {
    const count = this.article?.candidates.length ?? 0;
    if (count === 0) return;
    this.selected = Math.min(count - 1, Math.max(0, index));
    this.render();
    const card = this.cards.children[this.selected] as HTMLElement | undefined;
    if (focus) card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
    this.articleView.querySelector('mark.selected')?.scrollIntoView({ block: 'center' });
  }

  // -------------------------------------------------------------- rendering

  private render(): void {
    const article = this.article;
    if (!article) return;
    const marks: Mark[] = article.candidates.flatMap((c) => [
      ...c.spans.map((s) => ({
        ...s,
        role: 'content' as const,
        candidateId: c.id,
        status: c.status,
      })),
      ...[
        ['speaker', c.speaker?.span],
        ['cue', c.cue],
        ['date', c.date?.span],
      ].flatMap(([role, span]) =>
        span && typeof span === 'object'
          ? [{ ...span, role: role as Mark['role'], candidateId: c.id, status: c.status }]
          : [],
      ),
    ]);
    const selectedId = this.current?.id;
    fill(
      this.articleView,
      runsOf(article.text ?? '', marks).map((run) => {
        if (run.marks.length === 0) return run.text;
        const mine = run.marks.filter((m) => m.candidateId === selectedId);
        const shown = mine[0] ?? run.marks[0]!;
        const mark = h(
          'mark',
          {
            class: `span-${shown.role} status-${shown.status.toLowerCase()}${mine.length ? ' selected' : ''}`,
            'data-candidate': shown.candidateId,
            title: `${humanize(shown.role)} of a ${shown.status.toLowerCase()} candidate`,
          },
          run.text,
        );
        mark.addEventListener('click', () => {
          const index = article.candidates.findIndex((c) => c.id === shown.candidateId);
          if (index >= 0) this.select(index);
        });
        return mark;
      }),
    );
    fill(
      this.cards,
      article.candidates.map((c, i) => this.card(c, i === this.selected)),
    );
  }

  private card(c: Candidate, selected: boolean): HTMLElement {
    const edits = this.editsOf(c);
    const done = c.status !== 'PENDING';
    const field = (label: string, control: HTMLElement) =>
      h('label', { class: 'review-field' }, h('span', {}, label), control);

    const speakerInput = h('input', {
      class: 'review-speaker',
      list: 'review-targets',
      value: edits.speaker,
      placeholder: 'person:… / org:… / country:…',
      disabled: edits.newSpeaker,
    });
    speakerInput.addEventListener('input', () => {
      edits.speaker = speakerInput.value.trim();
      this.suggest(speakerInput.value);
    });
    const proposal = c.speaker?.proposal;
    const create = proposal
      ? h(
          'label',
          { class: 'review-create' },
          h('input', { type: 'checkbox', class: 'review-new-speaker', checked: edits.newSpeaker }),
          ` New ${proposal.type.toLowerCase()} “${proposal.name}”`,
        )
      : null;
    create?.querySelector('input')?.addEventListener('change', (event) => {
      edits.newSpeaker = (event.target as HTMLInputElement).checked;
      speakerInput.disabled = edits.newSpeaker;
    });

    const kind = h(
      'select',
      { class: 'review-kind' },
      KINDS.map((k) => h('option', { value: k, selected: k === edits.kind }, humanize(k))),
    );
    kind.addEventListener('change', () => (edits.kind = kind.value));
    const date = h('input', { class: 'review-date', value: edits.date, placeholder: 'YYYY-MM-DD' });
    date.addEventListener('input', () => (edits.date = date.value.trim()));

    const about = h('ul', { class: 'review-about' });
    const drawAbout = () =>
      fill(
        about,
        edits.about.map((row, index) => {
          const target = h('input', {
            class: 'review-target',
            list: 'review-targets',
            value: row.target,
            placeholder: 'target id',
            'aria-label': 'Target',
          });
          target.addEventListener('input', () => {
            row.target = target.value.trim();
            this.suggest(target.value);
          });
          const stance = h(
            'select',
            { class: 'review-stance', 'aria-label': 'Stance' },
            h('option', { value: '' }, 'stance…'),
            STANCES.map((s) => h('option', { value: s, selected: s === row.stance }, humanize(s))),
          );
          stance.addEventListener('change', () => (row.stance = stance.value as Stance | ''));
          const remove = h(
            'button',
            { type: 'button', class: 'review-remove', 'aria-label': 'Remove target' },
            '×',
          );
          remove.addEventListener('click', () => {
            edits.about.splice(index, 1);
            drawAbout();
          });
          return h('li', {}, target, stance, remove);
        }),
      );
    drawAbout();
    const addTarget = (id = '') => {
      edits.about.push({ target: id, stance: '' });
      drawAbout();
      (
        about.querySelector(
          'li:last-child .review-stance, li:last-child .review-target',
        ) as HTMLElement | null
      )?.focus();
    };

    const mentionName = (m: Candidate['mentions'][number]) => m.name ?? m.title ?? m.id;
    const actions = done
      ? null
      : h(
          'div',
          { class: 'review-actions' },
          h(
            'button',
            { type: 'button', class: 'primary review-accept', onclick: () => void this.accept(c) },
            'Accept (a)',
          ),
          h(
            'button',
            { type: 'button', class: 'review-reject', onclick: () => void this.reject(c) },
            'Reject (r)',
          ),
        );

    const li = h(
      'li',
      {
        class: `review-card status-${c.status.toLowerCase()}${selected ? ' selected' : ''}`,
        tabindex: -1,
        'data-candidate': c.id,
        'aria-current': selected ? 'true' : null,
      },
      h(
        'div',
        { class: 'review-card-head' },
        h(
          'span',
          { class: `chip review-state state-${c.status.toLowerCase()}` },
          humanize(c.status),
        ),
        h('span', { class: 'muted' }, `confidence ${c.confidence.toFixed(2)}`),
      ),
      h('blockquote', { class: 'review-quote' }, c.text),
      h(
        'p',
        { class: 'review-written muted' },
        c.speaker ? `Speaker as written: “${c.speaker.text}”` : 'No speaker found',
        c.speaker?.actor ? ` → ${c.speaker.actor.name}` : '',
        c.date
          ? ` · date: “${c.date.text}”${c.date.value ? ` → ${formatDate({ text: c.date.value })}` : ''}`
          : '',
      ),
      c.status === 'ACCEPTED' && c.statement
        ? h(
            'p',
            { class: 'review-accepted' },
            `Accepted: ${c.statement.speaker.name}, ${formatDate(c.statement.date)}`,
            c.statement.about.length
              ? ` — ${c.statement.about.map((a) => `${a.target.name ?? a.target.title ?? a.target.id}: ${a.stance.toLowerCase()}`).join(', ')}`
              : '',
            ' · ',
            h(
              'a',
              { href: graphHref(c.statement.id), class: 'review-open' },
              'See it in the graph',
            ),
          )
        : null,
      done
        ? null
        : h(
            'div',
            { class: 'review-fields' },
            field('Speaker', h('span', { class: 'review-speaker-box' }, speakerInput, create)),
            field('Kind', kind),
            field('Date', date),
            h(
              'div',
              { class: 'review-field' },
              h('span', {}, 'Targets and stances'),
              about,
              h(
                'div',
                { class: 'review-add' },
                h(
                  'button',
                  { type: 'button', class: 'review-add-target', onclick: () => addTarget() },
                  '+ Target',
                ),
                c.mentions.map((m) =>
                  h(
                    'button',
                    { type: 'button', class: 'review-add-mention', onclick: () => addTarget(m.id) },
                    `+ ${mentionName(m)}`,
                  ),
                ),
              ),
            ),
          ),
      edits.errors.length
        ? h(
            'ul',
            { class: 'review-errors', role: 'alert' },
            edits.errors.map((e) => h('li', {}, e)),
          )
        : null,
      actions,
    );
    li.addEventListener('click', (event) => {
      if (!selected && !(event.target as HTMLElement).closest('input,select,button,a,label')) {
        this.select(Array.from(this.cards.children).indexOf(li), false);
      }
    });
    return li;
  }

  // -------------------------------------------------------------- actions

  private async accept(c: Candidate): Promise<void> {
    const edits = this.editsOf(c);
    const incomplete = edits.about.filter((a) => a.target === '' || a.stance === '');
    if (incomplete.length > 0) {
      edits.errors = ['Each target needs an id and a stance (or remove it).'];
      this.render();
      return;
    }
    const input: AcceptRequest = {
      id: c.id,
      kind: edits.kind,
      about: edits.about.map((a) => ({ target: a.target, stance: a.stance as Stance })),
      ...(edits.date ? { date: edits.date } : {}),
    };
    if (edits.newSpeaker && c.speaker?.proposal) {
      const { type, name, id } = c.speaker.proposal;
      input.newSpeaker = { type, name, id };
    } else if (edits.speaker) {
      input.speaker = edits.speaker;
    }
    await this.busy(async () => {
      const result = await acceptCandidate(input);
      this.update(c, result);
    });
  }

  private async reject(c: Candidate): Promise<void> {
    await this.busy(async () => this.update(c, await rejectCandidate(c.id)));
  }

  private update(c: Candidate, result: ProblemList & { candidate: Candidate | null }): void {
    const edits = this.editsOf(c);
    edits.errors = result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
    if (result.candidate && this.article) {
      const index = this.article.candidates.findIndex((x) => x.id === c.id);
      this.article.candidates[index] = result.candidate;
      this.edits.delete(c.id);
      const next = this.article.candidates.findIndex((x, i) => i > index && x.status === 'PENDING');
      this.selected = next >= 0 ? next : index;
      const pending = this.article.candidates.filter((x) => x.status === 'PENDING').length;
      this.say(`${humanize(result.candidate.status)}. ${pending} left to review.`);
    }
    this.render();
    (this.cards.children[this.selected] as HTMLElement | undefined)?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.root.hidden || !this.article || event.altKey || event.metaKey) return;
    const inField = (event.target as HTMLElement).closest('input,select,textarea') !== null;
    const c = this.current;
    if (inField) {
      if (event.key === 'Enter' && event.ctrlKey && c?.status === 'PENDING') {
        event.preventDefault();
        void this.accept(c);
      }
      return;
    }
    if (event.ctrlKey) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        event.preventDefault();
        this.select(this.selected + 1);
        break;
      case 'ArrowUp':
      case 'k':
        event.preventDefault();
        this.select(this.selected - 1);
        break;
      case 'a':
        if (c?.status === 'PENDING') {
          event.preventDefault();
          void this.accept(c);
        }
        break;
      case 'r':
        if (c?.status === 'PENDING') {
          event.preventDefault();
          void this.reject(c);
        }
        break;
    }
  }

  /** Ids for the speaker and target fields, from the graph's search. */
  private suggest(text: string): void {
    window.clearTimeout(this.searchTimer);
    if (text.trim().length < 2 || /^[a-z]+:/.test(text)) return;
    this.searchTimer = window.setTimeout(() => {
      search(text.trim(), [])
        .then((hits) =>
          fill(
            this.targets,
            hits.map((hit) =>
              h('option', { value: hit.node.id }, `${hit.label} (${hit.node.__typename})`),
            ),
          ),
        )
        .catch(() => {});
    }, 200);
  }

  // -------------------------------------------------------------- status

  private say(message: string, error = false): void {
    this.status.classList.toggle('error', error);
    fill(this.status, message);
  }

  /** Runs a request; a refused token asks for an editor token, other failures are said. */
  private async busy(work: () => Promise<void>): Promise<void> {
    this.root.setAttribute('aria-busy', 'true');
    try {
      await work();
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')
      ) {
        this.askToken(error.message, () => void this.busy(work));
      } else {
        this.say(error instanceof Error ? error.message : String(error), true);
      }
    } finally {
      this.root.removeAttribute('aria-busy');
    }
  }

  private refused(result: ProblemList): boolean {
    if (result.errors.length === 0) return false;
    this.say(result.errors.map((e) => `${e.message} (${e.code})`).join(' '), true);
    return true;
  }

  private askToken(message: string, retry: () => void): void {
    const input = h('input', {
      id: 'review-token',
      type: 'password',
      autocomplete: 'off',
      required: true,
    });
    const form = h(
      'form',
      { class: 'token-form' },
      h('label', { for: 'review-token' }, `${message} Editor token: `),
      input,
      h('button', { type: 'submit', class: 'primary' }, 'Use token'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      token.set(input.value.trim() || null);
      this.say('');
      retry();
    });
    this.status.classList.add('error');
    fill(this.status, form);
    input.focus();
  }
}
