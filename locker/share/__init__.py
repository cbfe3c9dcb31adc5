"""Share copies: sanitised derivatives of items, with faces covered and identifying metadata removed."""
