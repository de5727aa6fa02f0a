package com.fernhill.ledger.web;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fernhill.ledger.LedgerService;
import com.fernhill.ledger.account.Account;
import com.fernhill.ledger.config.SecurityConfig;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(LedgerController.class)
@Import(SecurityConfig.class)
class LedgerControllerTest {

  @Autowired private MockMvc mvc;

  @MockBean private LedgerService ledger;

  @Test
  void requiresAuthentication() throws Exception {
    mvc.perform(get("/api/accounts/alpha")).andExpect(status().isUnauthorized());
  }

  @Test
  @WithMockUser
  void returnsAnAccountWithSecurityHeaders() throws Exception {
    Account alpha = new Account("alpha", "Alpha Ltd", "EUR", false);
    alpha.apply(4_200);
    when(ledger.account("alpha")).thenReturn(alpha);

    mvc.perform(get("/api/accounts/alpha"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.balanceMinor").value(4200))
        .andExpect(header().string("X-Frame-Options", "DENY"))
        .andExpect(header().exists("Content-Security-Policy"));
  }

  @Test
  @WithMockUser
  void mapsUnknownAccountsTo404() throws Exception {
    when(ledger.account("ghost")).thenThrow(new LedgerService.AccountNotFoundException("ghost"));

    mvc.perform(get("/api/accounts/ghost")).andExpect(status().isNotFound());
  }

  @Test
  @WithMockUser
  void createsATransfer() throws Exception {
    UUID id = UUID.fromString("0d7c4a52-9a43-4d51-8f0e-7b9a3c2e11aa");
    when(ledger.transfer(eq("alpha"), eq("beta"), anyLong(), anyString(), anyString()))
        .thenReturn(id);

    mvc.perform(
            post("/api/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"from":"alpha","to":"beta","amountMinor":250,
                     "currency":"EUR","reference":"invoice 7"}
                    """))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.transferId").value(id.toString()));
  }

  @Test
  @WithMockUser
  void rejectsAnInvalidTransfer() throws Exception {
    mvc.perform(
            post("/api/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"from":"alpha","to":"beta","amountMinor":-3,"currency":"eur","reference":""}
                    """))
        .andExpect(status().isBadRequest());
  }
}
