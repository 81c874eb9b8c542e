"""Village chat -> structured intent. Pure: depends on jieba and friends, knows nothing of the bot."""
