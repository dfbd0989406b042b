"""Read models: what a page shows, built once from the store, rendered by the CLI, the HTML
views and the JSON API alike (codes in data; labels only where it is rendered)."""
