/**
 * Builds elements from data with text nodes only (never innerHTML), so nothing
 * the API returns can become markup.
 */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children.flat());
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children.flat());
}

/** An http(s) link that opens apart from the explorer and tells the site nothing about it. */
export function externalLink(url: string | null | undefined, text: string): HTMLElement {
  if (!url) return h('span', {}, text);
  let safe: URL;
  try {
    safe = new URL(url);
  } catch {
    return h('span', {}, text);
  }
  if (safe.protocol !== 'http:' && safe.protocol !== 'https:') return h('span', {}, text);
  return h('a', { href: safe.href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

/** A small coloured label for a stance, a kind, a type. */
export function chip(text: string, className: string, colour?: string): HTMLElement {
  const element = h('span', { class: `chip ${className}` }, text);
  if (colour !== undefined) element.style.setProperty('--chip', colour);
  return element;
}

/** Opens a node in the explorer, and says where that view is. */
export interface Opener {
  open(id: string): void;
  /** The view with `id` open, as a URL fragment (`#…`). */
  href(id: string): string;
}

/**
 * A link to the view with a node open: followed in place by a plain click, and
 * like any link it can be opened in a new tab or copied.
 */
export function nodeLink(opener: Opener, id: string, text: string): HTMLAnchorElement {
  const follow = (event: Event) => {
    const click = event as MouseEvent;
    if (click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) {
      return;
    }
    event.preventDefault();
    opener.open(id);
  };
  const link = h('a', { href: opener.href(id), class: 'node-link', 'data-id': id }, text);
  link.addEventListener('click', follow);
  // The view moves on while the link is on screen: its address is brought up to date
  // before it can be opened elsewhere or copied.
  const refresh = () => (link.href = opener.href(id));
  for (const type of ['pointerenter', 'focus', 'contextmenu']) link.addEventListener(type, refresh);
  return link;
}
