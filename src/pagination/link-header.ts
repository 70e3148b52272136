// The `Link` response header (RFC 8288) as the paging dialects write it: `<url>; rel="next", <url>; rel="last"`, one
// relation per link, in the order given. Parsing reads the same shape (and tolerates spaces and other parameters).

/** One link of the header: its relation and its URL. */
export interface WebLink {
  readonly rel: string;
  readonly url: string;
}

export function formatLinks(links: readonly WebLink[]): string {
  return links.map((link) => `<${link.url}>; rel="${link.rel}"`).join(', ');
}

/** The links of a header, in order; an unparsable part is skipped. */
export function parseLinks(header: string | undefined): WebLink[] {
  if (!header) return [];
  const links: WebLink[] = [];
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^,;]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1];
    // One link may name several relations (`rel="prev first"`).
    for (const name of rel?.trim().split(/\s+/) ?? []) links.push({ rel: name, url: match[1] ?? '' });
  }
  return links;
}
