// Which contents (SHA-256) are being processed right now. Two files with the same content
// taken by two workers at once must not both run the chain: the second waits for the first
// to commit, then finds the document stored and links to it.
#pragma once

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>

namespace gongwen {

class ContentClaims {
  public:
    // Held while one worker processes one content; blocks while another worker holds it.
    class Claim {
      public:
        Claim(ContentClaims& claims, std::string sha256);
        ~Claim();
        Claim(const Claim&) = delete;
        Claim& operator=(const Claim&) = delete;

      private:
        ContentClaims& claims_;
        std::string sha256_;
    };

  private:
    std::mutex mu_;
    std::condition_variable released_;
    std::set<std::string> held_;
};

}  // namespace gongwen
