"""Mail: composing the aanspreekpunt's notification, the senders (SMTP, .eml files) and the outbox."""
