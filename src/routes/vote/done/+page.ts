// The receipt is plain HTML: voters load no Svelte client (docs/CAMPAIGNS.md, "The ballot form").
export const csr = false;
