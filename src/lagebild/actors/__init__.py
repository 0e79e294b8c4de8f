"""Actor recognition: countries, organisations, armed groups, office holders and role nouns."""

from lagebild.actors.recognizer import ActorRecognizer, load_actor_recognizer

__all__ = ["ActorRecognizer", "load_actor_recognizer"]
