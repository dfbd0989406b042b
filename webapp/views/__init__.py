"""One module per kind of page; each is a blueprint with HTML pages and their JSON twins."""
