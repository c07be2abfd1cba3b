"""The NLP stage: a spaCy pipeline of small frontwatch components, wired in `pipeline.py`."""
