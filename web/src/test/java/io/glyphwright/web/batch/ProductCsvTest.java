package io.glyphwright.web.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glyphwright.layout.RequestedTexts;
import io.glyphwright.web.problem.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductCsvTest {
  @Test
  void readsQuotedFieldsDoubledQuotesAndLineBreaks() {
    String csv =
        "product,slogan,price\r\n\"Tea, green\",\"Say \"\"hi\"\"\",$1\n\nMug,\"two\nlines\",2 €";
    assertThat(ProductCsv.rows(csv, 10))
        .containsExactly(
            List.of("Tea, green", "Say \"hi\"", "$1"), List.of("Mug", "two\nlines", "2 €"));
  }

  @Test
  void theHeaderIsOptionalAndABomIsIgnored() {
    assertThat(ProductCsv.rows("\uFEFFMug,Hot,$3\n", 10))
        .containsExactly(List.of("Mug", "Hot", "$3"));
  }

  @Test
  void promptsAskForEachNonEmptyFieldAndThePlannerFindsThem() {
    String prompt = ProductCsv.prompt(List.of("Green Tea", "Say \"hi\"", ""));
    assertThat(RequestedTexts.extract(prompt).texts()).containsExactly("Green Tea", "Say \"hi\"");
    String apostrophe = ProductCsv.prompt(List.of("Mom's Pie", "Don't wait", "$5"));
    assertThat(RequestedTexts.extract(apostrophe).texts())
        .containsExactly("Mom's Pie", "Don't wait", "$5");
  }

  @Test
  void rowLimitsAndShapesAreEnforced() {
    assertThrows(ApiProblem.class, () -> ProductCsv.rows("a,b,c\nd,e,f\ng,h,i\n", 2));
    ApiProblem p = assertThrows(ApiProblem.class, () -> ProductCsv.rows("a,b,c\n,x,y\n", 5));
    assertThat(p.detail()).contains("row 2 has no product");
    assertThrows(ApiProblem.class, () -> ProductCsv.rows("a,b\"c\",d\n", 5));
  }
}
