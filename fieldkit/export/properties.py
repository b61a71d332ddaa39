"""What a document says about itself, and nothing its template said.

A template carries more than styles: a thumbnail of its first page, the
properties of whoever made it ("Microsoft Macintosh Word, 1 page", a company,
a manager, custom fields), the path of the template it was made from, people
who commented on it, stored building blocks. None of it belongs in a
monograph, and some of it names people. So a document opened from a template
drops all of that (:func:`drop_carried_parts`), and its properties are
written anew when it is finished (:func:`set_properties`): fieldkit as the
application, the title, the subject and the author, nothing else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from docx.oxml.ns import qn

#: Relationships a document does not take from its template: a thumbnail, custom
#: properties, comments and their authors, building blocks, custom XML data.
_CARRIED = (
    "/metadata/thumbnail",
    "/custom-properties",
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
    "/glossaryDocument",
    "/customXml",
    "/attachedTemplate",
)
_APP_PART = "/docProps/app.xml"
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"><Application>fieldkit</Application><DocSecurity>0</DocSecurity>'
    b"</Properties>"
)


def drop_carried_parts(document: Any) -> None:
    """Remove from a document opened on a template everything that describes the template."""
    package = document.part.package
    for part in [package, *package.iter_parts()]:
        for rel_id, relationship in list(part.rels.items()):
            if relationship.reltype.endswith(_CARRIED):
                del part.rels[rel_id]
    settings = document.settings.element
    for tag in ("w:attachedTemplate", "w:docVars"):
        for node in settings.findall(qn(tag)):
            settings.remove(node)


def set_properties(document: Any, title: str, subject: str, author: str) -> None:
    """Write the document's properties from scratch: fieldkit made it, nothing else is said."""
    properties = document.core_properties
    element = properties._element
    for child in list(element):
        element.remove(child)
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = "fieldkit"
    properties.revision = 1
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    for part in document.part.package.iter_parts():
        if str(part.partname) == _APP_PART:
            part._blob = _APP_XML
