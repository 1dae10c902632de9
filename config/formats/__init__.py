"""Date formats where Village writes dates otherwise than Django's defaults for a language."""
