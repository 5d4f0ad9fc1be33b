package io.bosun.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.StatusException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessReviewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UserInfo ALICE = new UserInfo("alice", List.of("devs"));

  /** Allows only reads, and records what it was asked. */
  private final List<Authorizer.Attributes> asked = new ArrayList<>();

  private final Authorizer readsOnly =
      attributes -> {
        asked.add(attributes);
        return attributes.verb().equals("get");
      };

  private final AccessReviews reviews =
      new AccessReviews(
          Authenticator.staticToken("secret", new UserInfo("bot", List.of("robots"))), readsOnly);

  @Test
  void aSelfSubjectAccessReviewAsksTheAuthorizerAboutTheCaller() throws Exception {
    ObjectNode denied =
        reviews.answer(
            "selfsubjectaccessreviews",
            "",
            review("{'resourceAttributes':{'verb':'delete','resource':'pods','namespace':'a'}}"),
            ALICE);
    ObjectNode allowed =
        reviews.answer(
            "selfsubjectaccessreviews",
            "",
            review("{'nonResourceAttributes':{'verb':'get','path':'/healthz'}}"),
            ALICE);

    assertThat(denied.at("/status/allowed").asBoolean()).isFalse();
    assertThat(allowed.at("/status/allowed").asBoolean()).isTrue();
    assertThat(asked)
        .containsExactly(
            new Authorizer.Attributes(ALICE, "delete", "", "pods", "a", null, null),
            new Authorizer.Attributes(ALICE, "get", null, null, null, null, "/healthz"));
  }

  @Test
  void aSubjectAccessReviewAsksAboutItsSubjectAndNeedsOne() throws Exception {
    reviews.answer(
        "subjectaccessreviews",
        "",
        review("{'user':'bob','groups':['ops'],'resourceAttributes':{'verb':'get'}}"),
        ALICE);
    assertThat(asked.get(0).user()).isEqualTo(new UserInfo("bob", List.of("ops")));

    assertThatThrownBy(
            () ->
                reviews.answer(
                    "subjectaccessreviews", "", review("{'resourceAttributes':{}}"), ALICE))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.status().code()).isEqualTo(422);
              assertThat(e.status().message())
                  .contains("spec.user: Invalid value: \"\": at least one of user or group");
            });
    assertThatThrownBy(() -> reviews.answer("selfsubjectaccessreviews", "", review("{}"), ALICE))
        .isInstanceOfSatisfying(
            StatusException.class,
            e ->
                assertThat(e.status().message())
                    .contains("spec.resourceAttributes: Required value: exactly one of"));
  }

  @Test
  void aLocalReviewIsHeldToItsNamespace() throws Exception {
    ObjectNode local =
        reviews.answer(
            "localsubjectaccessreviews",
            "team",
            review("{'user':'bob','resourceAttributes':{'verb':'get','resource':'pods'}}"),
            ALICE);
    assertThat(local.at("/spec/resourceAttributes/namespace").asText()).isEqualTo("team");
    assertThat(asked.get(0).namespace()).isEqualTo("team");

    assertThatThrownBy(
            () ->
                reviews.answer(
                    "localsubjectaccessreviews",
                    "team",
                    review("{'user':'bob','resourceAttributes':{'namespace':'other'}}"),
                    ALICE))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(400));
  }

  @Test
  void rulesComeFromTheAuthorizerAndNeedANamespace() throws Exception {
    ObjectNode unknown =
        reviews.answer("selfsubjectrulesreviews", "", review("{'namespace':'a'}"), ALICE);
    ObjectNode everything =
        new AccessReviews(Authenticator.staticToken("t", ALICE), Authorizer.ALLOW_ALL)
            .answer("selfsubjectrulesreviews", "", review("{'namespace':'a'}"), ALICE);

    assertThat(unknown.at("/status/incomplete").asBoolean()).isTrue();
    assertThat(unknown.at("/status/resourceRules")).isEmpty();
    assertThat(everything.at("/status/resourceRules/0/verbs/0").asText()).isEqualTo("*");
    assertThat(everything.at("/status/nonResourceRules/0/nonResourceURLs/0").asText())
        .isEqualTo("*");
    assertThat(everything.at("/status/incomplete").asBoolean()).isFalse();
    assertThatThrownBy(() -> reviews.answer("selfsubjectrulesreviews", "", review("{}"), ALICE))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(400));
  }

  @Test
  void tokenAndSelfReviewsSayWhoIsBehindACredential() throws Exception {
    ObjectNode known = reviews.answer("tokenreviews", "", review("{'token':'secret'}"), ALICE);
    ObjectNode unknown = reviews.answer("tokenreviews", "", review("{'token':'guess'}"), ALICE);
    ObjectNode self = reviews.answer("selfsubjectreviews", "", review("{}"), ALICE);

    assertThat(known.at("/status/authenticated").asBoolean()).isTrue();
    assertThat(known.at("/status/user/username").asText()).isEqualTo("bot");
    assertThat(unknown.at("/status/authenticated").asBoolean()).isFalse();
    assertThat(unknown.at("/status/user").isMissingNode()).isTrue();
    assertThat(self.at("/status/userInfo/username").asText()).isEqualTo("alice");
    assertThat(self.at("/status/userInfo/groups/0").asText()).isEqualTo("devs");
    assertThatThrownBy(() -> reviews.answer("tokenreviews", "", review("{}"), ALICE))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(400));
  }

  /** A review with {@code spec}, written with single quotes. */
  private static ObjectNode review(String spec) throws Exception {
    return (ObjectNode) JSON.readTree("{\"spec\":" + spec.replace('\'', '"') + "}");
  }
}
