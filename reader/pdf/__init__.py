"""Reading newspaper PDFs directly: characters with font, size and position (`chars`), the page
layout read from them (`layout`: lines, column order, furniture, paragraphs), and a pipeline
`Document` with the same sentence ids and provenance as a text report (`document`).

Nothing here imports Textual; `pypdfium2` is imported only when a PDF is opened.
"""
