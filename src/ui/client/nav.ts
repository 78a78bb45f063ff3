/** What a click in a panel asks of the page (one interface the panels and the field picker share). */
export interface Nav {
  go(rev: number): void;
  select(key: string, rev?: number): void;
  /** Explain one field of the selected object (a JSON Pointer), or the whole object again (undefined). */
  pick(field: string | undefined): void;
}
