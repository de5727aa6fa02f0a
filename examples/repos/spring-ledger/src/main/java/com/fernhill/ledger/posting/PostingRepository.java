package com.fernhill.ledger.posting;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PostingRepository extends JpaRepository<Posting, UUID> {

  List<Posting> findByAccountCodeOrderByCreatedAtDesc(String code, Pageable page);
}
