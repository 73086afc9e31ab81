/**
 * One page of a list, as GitHub pages it: `per_page` (default 30, at most 100) and `page` (from 1) from the query,
 * and a `Link` header with the `next`, `last`, `first` and `prev` pages that exist.
 */
export function paginate<Item>(items: readonly Item[], url: URL): { page: Item[]; link: string | undefined } {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Math.trunc(Number(url.searchParams.get('page') ?? 1)) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (number: number) => {
    const next = new URL(url);
    next.searchParams.set('per_page', String(perPage));
    next.searchParams.set('page', String(number));
    return `<${next.href}>`;
  };
  const links: string[] = [];
  if (page < lastPage) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`);
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    link: links.length === 0 ? undefined : links.join(', '),
  };
}
