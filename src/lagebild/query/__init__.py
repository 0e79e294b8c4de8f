"""The filter language: what analysts type (actor names, event types, places, dates) as codes.

It sits above the store and beside the front ends: it reads the actor lists, office holders and
event code tables to understand words, and hands the store plain ``EventFilter`` values, so the
store itself imports no pipeline stage.
"""
