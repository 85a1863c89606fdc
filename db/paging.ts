/** A page of a list, as the API's page and per_page parameters give it (page from 1). */
export type Page = { page: number; per_page: number };

export const offsetOf = (p: Page) => (p.page - 1) * p.per_page;
