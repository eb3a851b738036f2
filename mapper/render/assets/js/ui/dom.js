/* The only way the page makes DOM: elements with a class and *text*.
 * Article text is untrusted: it reaches the page as text nodes (textContent)
 * or as the value of a fixed attribute, never as markup (no innerHTML,
 * outerHTML, insertAdjacentHTML or document.write anywhere in the page code). */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** <tag class="cls">text</tag>; text (any value, shown as a string) is a text node. */
export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** An SVG element with fixed attributes (names from the page code, values set as strings). */
export function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const name of Object.keys(attrs || {})) node.setAttribute(name, String(attrs[name]));
  return node;
}

/** Append children; a string (or number) becomes a text node. */
export function append(parent, ...children) {
  for (const child of children) {
    if (child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove every child. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A <button type="button"> with text and a click handler. */
export function button(cls, text, onClick) {
  const node = el('button', cls, text);
  node.type = 'button';
  if (onClick) node.addEventListener('click', onClick);
  return node;
}
