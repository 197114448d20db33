"""Revision: quiz cards scheduled with FSRS, their state kept in SQLite, apart from the glossary.

clock.py     the time now (IRCONCEPTS_NOW pins it, for tests) and local day boundaries
store.py     the SQLite database of cards and reviews: WAL, transactions, versions, damage
schedule.py  FSRS: a card's state and a grade in, the next state out
cards.py     what a card asks and answers, drawn from an entry (masking, key points)
deck.py      which cards a round asks, in which order
stats.py     counts and retention for `quiz --stats`
quiz.py      the round itself, driven through a small UI protocol (terminal.py is the real one)
"""
