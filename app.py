"""Start the web assistant: `python app.py` (host/port from GRADIO_SERVER_NAME / GRADIO_SERVER_PORT)."""

from assistant.web.ui import main

if __name__ == "__main__":
    main()
