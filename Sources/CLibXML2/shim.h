#ifndef FEDCAT_CLIBXML2_SHIM_H
#define FEDCAT_CLIBXML2_SHIM_H
/* Debian's libxml2 headers pull in ICU, whose types clash with Foundation's: switch it off first. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

/* The parse options fedcat always uses: no network, no entity expansion, no DTD loading. */
static const int FC_XML_SAFE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

/* An external entity loader that refuses everything (no file://, no http://). */
static inline xmlParserInputPtr fc_xml_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void fc_xml_install_deny_loader(void) { xmlSetExternalEntityLoader(fc_xml_deny_loader); }

#endif
