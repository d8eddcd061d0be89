/* fuzz_pdf.c: pok read's PDF path (MuPDF, the words, the line grouping) over arbitrary
 * bytes never crashes and gives sane lines or a message (fuzz_read_common.h). The first
 * byte chooses: the rest as a whole file, or as the content stream of a one-page PDF
 * built here (so the drawing of text, not only the file structure, is fuzzed). OCR is
 * off: Tesseract is not what is tested here, and it would make each run slow. */
#include "fuzz_read_common.h"
#include "util.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_page_pdf(Buf *b, const uint8_t *content, size_t n)
{
    size_t off[6];
    buf_puts(b, "%PDF-1.4\n");
    off[1] = b->len;
    buf_puts(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = b->len;
    buf_puts(b, "2 0 obj\n<< /Type /Pages /Count 1 /Kids [4 0 R] >>\nendobj\n");
    off[3] = b->len;
    buf_puts(b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
    off[4] = b->len;
    buf_puts(b, "4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                "<< /Font << /F1 3 0 R >> >> /Contents 5 0 R >>\nendobj\n");
    off[5] = b->len;
    buf_printf(b, "5 0 obj\n<< /Length %zu >>\nstream\n", n);
    buf_append(b, (const char *)content, n);
    buf_puts(b, "\nendstream\nendobj\n");
    size_t xref = b->len;
    buf_puts(b, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 1; i <= 5; i++) buf_printf(b, "%010zu 00000 n \n", off[i]);
    buf_printf(b, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (data[0] % 2 == 0) {
        fuzz_read(data + 1, size - 1);
        return 0;
    }
    Buf pdf = {0};
    one_page_pdf(&pdf, data + 1, size - 1);
    fuzz_read((const unsigned char *)pdf.data, pdf.len);
    buf_free(&pdf);
    return 0;
}
