"""Reading documents: sniff the format, clean the text, keep offsets back to the file."""
