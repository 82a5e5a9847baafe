# nbgrader settings for every hub user (learners and instructors): the shared exchange.
import os

c = get_config()  # noqa: F821 (nbgrader provides get_config)
c.Exchange.root = os.environ.get("COURSEKIT_HUB_EXCHANGE") or "/usr/local/share/nbgrader/exchange"
