"""The built-in WeChat simulator: a puppet service on loopback and a web chat page."""
