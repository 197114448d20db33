"""`compare A B`: two entries side by side.

forms.py   the ways students ask ("A vs B", "difference between A and B") split into two sides
build.py   two entries in, a Comparison out: what each says of the other, the see-also they share
render.py  the Comparison as a terminal table (stacked below 100 columns), Markdown, plain text or JSON
"""
