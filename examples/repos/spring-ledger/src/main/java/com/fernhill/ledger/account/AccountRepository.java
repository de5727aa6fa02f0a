package com.fernhill.ledger.account;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface AccountRepository extends JpaRepository<Account, UUID> {

  Optional<Account> findByCode(String code);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select a from Account a where a.code = :code")
  Optional<Account> lockByCode(String code);
}
