"""Village chat -> structured intent. Pure: jieba and friends, nothing of the bot."""
